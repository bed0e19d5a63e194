/** The screens of the main window, in navigation order. */
export type ScreenId = "connections" | "mappings" | "registry" | "preview" | "settings";

export interface ScreenInfo {
  id: ScreenId;
  title: string;
  subtitle: string;
}

export const screens: ScreenInfo[] = [
  { id: "connections", title: "Connections", subtitle: "Your Salesforce org and up to two Clarizen instances" },
  { id: "mappings", title: "Mappings & Events", subtitle: "What moves between the two systems, and when a record starts to sync" },
  { id: "registry", title: "Sync registry", subtitle: "Every record that moved or failed to move" },
  { id: "preview", title: "Project preview", subtitle: "Work plans of linked Clarizen projects" },
  { id: "settings", title: "Settings", subtitle: "Data folder, logging, conflicts and API budget" },
];

/** Reads the screen from a location hash such as "#/registry"; unknown hashes open Connections. */
export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, "");
  return screens.find((s) => s.id === id)?.id ?? "connections";
}
