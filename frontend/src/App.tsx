import { Fragment, useEffect, useRef, useState, type ReactNode } from "react";
import { useApi } from "./api/context";
import type { AppInfo, RegistryFilter } from "./api/types";
import { pathPieces } from "./components/common/paths";
import { DemoSetupPanel } from "./components/demo/DemoSetupPanel";
import { RunProgressBar } from "./components/progress/RunProgressBar";
import { useDemoSetup } from "./state/demoSetup";
import { isPreviewApply } from "./state/previewApplies";
import { useRuns } from "./state/runs";
import { UnsavedChangesProvider, useConfirmLeave } from "./state/unsavedChanges";
import { GanttIcon, GearIcon, LiaisonMark, ListIcon, MapIcon, PlugIcon } from "./components/common/icons";
import { ConnectionsScreen } from "./screens/ConnectionsScreen";
import { MappingsScreen } from "./screens/MappingsScreen";
import { PreviewScreen } from "./screens/PreviewScreen";
import { RegistryScreen } from "./screens/RegistryScreen";
import { SettingsScreen } from "./screens/SettingsScreen";
import { screenFromHash, screens, type ScreenId } from "./screens/screens";

const icons: Record<ScreenId, ReactNode> = {
  connections: <PlugIcon className="nav__icon" />,
  mappings: <MapIcon className="nav__icon" />,
  registry: <ListIcon className="nav__icon" />,
  preview: <GanttIcon className="nav__icon" />,
  settings: <GearIcon className="nav__icon" />,
};

/** The main window: navigation on the left, the current screen on the right. */
export function App() {
  return (
    <UnsavedChangesProvider>
      <Shell />
    </UnsavedChangesProvider>
  );
}

function Shell() {
  const api = useApi();
  const confirmLeave = useConfirmLeave();
  const [screen, setScreen] = useState<ScreenId>(() => screenFromHash(window.location.hash));
  // Counts sidebar clicks, so that choosing the current screen again opens it afresh (an editor goes back to its list).
  const [visit, setVisit] = useState(0);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [registryFilter, setRegistryFilter] = useState<RegistryFilter | undefined>(undefined);
  const [runs, dismissRun] = useRuns(api);
  const demoSetup = useDemoSetup(api);
  const [setupDismissed, setSetupDismissed] = useState(false);
  const showSetup =
    demoSetup !== null && demoSetup.steps.length > 0 && demoSetup.status !== "idle" && !(demoSetup.status === "done" && setupDismissed);
  const showRun = runs.run !== null && !(runs.run.summary && runs.dismissed);
  const reported = useRef(false);
  // The screen that was on the page when the demo setup finished; the ready card closes once the user leaves it.
  const setupDoneOn = useRef<ScreenId | null>(null);

  useEffect(() => {
    const onHash = () => setScreen(screenFromHash(window.location.hash));
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);

  useEffect(() => {
    api.info().then(setInfo, () => setInfo(null));
  }, [api]);

  const setupStatus = demoSetup?.status;
  useEffect(() => {
    if (setupStatus !== "done") return;
    if (setupDoneOn.current === null) setupDoneOn.current = screen;
    else if (setupDoneOn.current !== screen) setSetupDismissed(true);
  }, [setupStatus, screen]);

  // Tell the Go side once that the first screen is on the page; the smoke
  // test and the end-to-end tests wait for this.
  useEffect(() => {
    if (reported.current) return;
    reported.current = true;
    void api.ready(screen).catch((err: unknown) => {
      void api.reportError({ kind: "rejection", message: `report ready: ${String(err)}` }).catch(() => undefined);
    });
  }, [api, screen]);

  const go = (id: ScreenId) =>
    confirmLeave(() => {
      if (id !== "registry") setRegistryFilter(undefined);
      setScreen(id);
      setVisit((n) => n + 1);
      window.history.replaceState(null, "", `#/${id}`);
    });

  const current = screens.find((s) => s.id === screen) ?? screens[0]!;

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <LiaisonMark className="brand__mark" />
          <span className="brand__name">
            Liaison
            <span className="brand__tag">Salesforce ⇄ Clarizen</span>
          </span>
        </div>
        <nav className="nav" aria-label="Screens">
          {screens.map((s) => (
            <a
              key={s.id}
              href={`#/${s.id}`}
              className="nav__item"
              aria-current={s.id === screen ? "page" : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(s.id);
              }}
            >
              {icons[s.id]}
              {s.title}
            </a>
          ))}
        </nav>
        <div className="sidebar__footer">
          <span>Version {info?.version || "development"}</span>
          {info?.dataDir ? (
            <span className="mono sidebar__path" title={`Data folder: ${info.dataDir}`} data-testid="sidebar-data-dir">
              {pathPieces(info.dataDir).map((piece, i) => (
                <Fragment key={i}>
                  {piece}
                  <wbr />
                </Fragment>
              ))}
            </span>
          ) : null}
        </div>
      </aside>
      <main className="main">
        <header className="page-header">
          <div className="page-header__text">
            <h1>{current.title}</h1>
            <p className="page-header__subtitle">{current.subtitle}</p>
          </div>
        </header>
        {showSetup || showRun ? (
          <div className="run-area">
            {showSetup && demoSetup ? <DemoSetupPanel state={demoSetup} onDismiss={() => setSetupDismissed(true)} /> : null}
            {showRun && runs.run ? (
              <RunProgressBar
                run={isPreviewApply(runs.run.runId) ? { ...runs.run, trigger: "preview" } : runs.run}
                onCancel={() => void api.runs.cancel().catch(() => undefined)}
                onDismiss={dismissRun}
                onShowFailures={() =>
                  confirmLeave(() => {
                    setRegistryFilter({ states: ["Failed"], mapping: "", object: "", from: "", to: "", text: "" });
                    setScreen("registry");
                    window.history.replaceState(null, "", "#/registry");
                  })
                }
              />
            ) : null}
          </div>
        ) : null}
        <div key={visit} className="page-body" data-screen={screen}>
          {screen === "connections" ? <ConnectionsScreen /> : null}
          {screen === "mappings" ? <MappingsScreen onGoToConnections={() => go("connections")} /> : null}
          {screen === "registry" ? <RegistryScreen key={JSON.stringify(registryFilter ?? null)} initialFilter={registryFilter} /> : null}
          {screen === "preview" ? <PreviewScreen /> : null}
          {screen === "settings" ? <SettingsScreen /> : null}
        </div>
      </main>
    </div>
  );
}
