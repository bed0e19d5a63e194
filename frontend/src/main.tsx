import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ApiProvider } from "./api/context";
import { installErrorReporting } from "./api/errors";
import { createWailsApi, hasWailsBridge } from "./api/wails";
import "./styles/app.css";
import "./styles/screens.css";

const root = document.getElementById("root");
if (!root) {
  throw new Error("index.html has no #root element");
}

if (!hasWailsBridge()) {
  // Opened in a plain browser tab (vite dev) rather than in the Wails window
  // or through the Wails dev server: no bound method can be called.
  root.textContent = "Liaison runs in its desktop window. Start it with the liaison command, or through the Wails dev server for browser tests.";
} else {
  const api = createWailsApi();
  installErrorReporting(api);
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={api}>
        <App />
      </ApiProvider>
    </StrictMode>,
  );
}
