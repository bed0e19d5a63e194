import { createContext, useContext, type ReactNode } from "react";
import type { LiaisonApi } from "./types";

const ApiContext = createContext<LiaisonApi | null>(null);

/** Makes the LiaisonApi available to every screen below it. */
export function ApiProvider({ api, children }: { api: LiaisonApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** Returns the LiaisonApi of the nearest ApiProvider. */
export function useApi(): LiaisonApi {
  const api = useContext(ApiContext);
  if (api === null) {
    throw new Error("useApi: no ApiProvider above this component");
  }
  return api;
}
