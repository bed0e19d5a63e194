import { describe, expect, it } from "vitest";
import type { LinkedProject } from "../../api/types";
import { filterEntries, pickerEntries } from "./projectPicker";

function project(id: string, name: string, extra: Partial<LinkedProject> = {}): LinkedProject {
  return {
    mappingId: "m1",
    mapping: "Project",
    connection: "clarizen1",
    projectId: `/Project/${id}`,
    name,
    salesforceObject: "Opportunity",
    salesforceId: `006${id}`,
    ...extra,
  };
}

describe("pickerEntries", () => {
  it("puts sub-projects under their parent", () => {
    const entries = pickerEntries([
      project("c", "Pilot", { parentId: "/Project/a" }),
      project("b", "Beta"),
      project("a", "Alpha"),
      project("d", "Rollout", { parentId: "/Project/a" }),
    ]);
    expect(entries.map((e) => `${e.depth}:${e.project.name}`)).toEqual(["0:Alpha", "1:Pilot", "1:Rollout", "0:Beta"]);
  });

  it("shows a sub-project at the top when its parent is not linked", () => {
    const entries = pickerEntries([project("c", "Pilot", { parentId: "/Project/zz" }), project("a", "Alpha")]);
    expect(entries.map((e) => `${e.depth}:${e.project.name}`)).toEqual(["0:Alpha", "0:Pilot"]);
  });

  it("keeps a parent on another instance apart", () => {
    const entries = pickerEntries([project("a", "Alpha"), project("c", "Pilot", { parentId: "/Project/a", connection: "clarizen2" })]);
    expect(entries.map((e) => e.depth)).toEqual([0, 0]);
  });

  it("tells duplicate names apart by the Salesforce record", () => {
    const entries = pickerEntries([project("1", "Fatz 2 - Pilot"), project("2", "Fatz 2 - Pilot"), project("3", "Other")]);
    const labels = entries.map((e) => e.label);
    expect(labels).toContain("Fatz 2 - Pilot (Opportunity 0061)");
    expect(labels).toContain("Fatz 2 - Pilot (Opportunity 0062)");
    expect(labels).toContain("Other");
  });

  it("lists every project once despite a parent cycle", () => {
    const entries = pickerEntries([project("a", "A", { parentId: "/Project/b" }), project("b", "B", { parentId: "/Project/a" })]);
    expect(entries.map((e) => e.project.name).sort()).toEqual(["A", "B"]);
  });
});

describe("filterEntries", () => {
  const entries = pickerEntries([project("a", "Alpha"), project("c", "Pilot", { parentId: "/Project/a" }), project("b", "Beta")]);

  it.each([
    ["name, any case", "alp", true, ["Alpha"]],
    ["Salesforce id", "006b", true, ["Beta"]],
    ["Clarizen id", "/project/c", true, ["Pilot"]],
    ["empty search", " ", true, ["Alpha", "Pilot", "Beta"]],
    ["without sub-projects", "", false, ["Alpha", "Beta"]],
  ])("matches by %s", (_name, search, withSubProjects, names) => {
    expect(filterEntries(entries, search, withSubProjects).map((e) => e.project.name)).toEqual(names);
  });
});
