import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegistryDetail, RegistryFilter, RegistryRow, RegistryState } from "../../api/types";
import { RegistryTable } from "./RegistryTable";
import { filterRows, localDate } from "./filter";

const states: RegistryState[] = ["Success", "Success", "Pending", "Failed"];
const mappings = ["Account → Customer", "Project ⇄ Clarizen Project", "Clarizen User ⇄ Salesforce User"];
const objects = ["Customer", "Project", "User"];

/** Builds n registry rows; every fourth row failed, one day apart per 1,000 rows. */
function makeRows(n: number): RegistryRow[] {
  const start = Date.UTC(2026, 0, 1, 12);
  const rows: RegistryRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const state = states[i % states.length] as RegistryState;
    rows[i] = {
      id: `r${i}`,
      time: new Date(start + Math.floor(i / 1000) * 86_400_000).toISOString(),
      state,
      operation: i % 2 === 0 ? "create" : "update",
      mapping: mappings[i % 3] as string,
      side: "clarizen",
      object: objects[i % 3] as string,
      recordId: `006${String(i).padStart(12, "0")}AAA`,
      recordName: `Record ${i}`,
      error: state === "Failed" ? `FIELD_CUSTOM_VALIDATION_EXCEPTION: Budget must be positive (record ${i})` : undefined,
    };
  }
  return rows;
}

const rows = makeRows(100_000);

/** Loads the detail of row rN as the Go side would: its Budget value and, when failed, a hint. */
async function loadDetail(id: string): Promise<RegistryDetail> {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id}`);
  const n = id.slice(1);
  return {
    row,
    fields: [{ field: "Budget", label: "Budget", before: null, after: n }],
    hint: row.state === "Failed" ? "Enter a positive budget in Salesforce, then retry." : "",
    createdAt: row.time,
  };
}
let restore: PropertyDescriptor | undefined;

beforeAll(() => {
  // jsdom has no layout; give the scroll area a viewport of 600 px so the
  // virtualiser has a window to fill.
  restore = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === "registry-scroll" ? 600 : 0;
    },
  });
});

afterAll(() => {
  if (restore) Object.defineProperty(HTMLElement.prototype, "clientHeight", restore);
});

function bodyRows() {
  return within(screen.getByRole("table", { name: "Sync registry" }))
    .getAllByRole("row")
    .filter((r) => r.getAttribute("aria-rowindex") !== null);
}

describe("RegistryTable", () => {
  it("renders only the visible rows of 100,000", () => {
    render(<RegistryTable rows={rows} onRetry={() => undefined} onExportCsv={() => undefined} />);

    expect(screen.getByText("Showing 100,000 of 100,000 rows")).toBeInTheDocument();
    const rendered = bodyRows();
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]).toHaveTextContent("Record 0");
  });

  it("filters by state, mapping, object and text", async () => {
    const user = userEvent.setup();
    render(<RegistryTable rows={rows} onRetry={() => undefined} onExportCsv={() => undefined} />);

    await user.click(screen.getByRole("button", { name: /^Failed/ }));
    expect(screen.getByText("Showing 25,000 of 100,000 rows")).toBeInTheDocument();
    for (const r of bodyRows()) expect(r).toHaveTextContent("Failed");

    await user.selectOptions(screen.getByRole("combobox", { name: "Mapping" }), "Account → Customer");
    const expected = rows.filter((r) => r.state === "Failed" && r.mapping === "Account → Customer").length;
    expect(screen.getByText(`Showing ${expected.toLocaleString("en-US")} of 100,000 rows`)).toBeInTheDocument();

    await user.selectOptions(screen.getByRole("combobox", { name: "Mapping" }), "");
    await user.selectOptions(screen.getByRole("combobox", { name: "Object" }), "Project");
    for (const r of bodyRows()) expect(r).toHaveTextContent("Project");

    fireEvent.change(screen.getByRole("searchbox", { name: "Search records" }), { target: { value: "record 99991)" } });
    expect(screen.getByText("Showing 1 of 100,000 rows")).toBeInTheDocument();
  });

  it("filters by date range", () => {
    const filter: RegistryFilter = { states: [], mapping: "", object: "", from: localDate(rows[5000]!.time), to: localDate(rows[6999]!.time), text: "" };
    const got = filterRows(rows, filter);
    expect(got).toHaveLength(2000);
    expect(got[0]?.id).toBe("r5000");
    expect(got.at(-1)?.id).toBe("r6999");
  });

  it("shows field values and the full error, and retries", async () => {
    const user = userEvent.setup();
    const retried: string[][] = [];
    render(<RegistryTable rows={rows} loadDetail={loadDetail} onRetry={(ids) => retried.push(ids)} onExportCsv={() => undefined} />);

    await user.click(screen.getByText("Record 3"));
    const detail = screen.getByRole("complementary", { name: "Registry row detail" });
    expect(detail).toHaveTextContent("FIELD_CUSTOM_VALIDATION_EXCEPTION: Budget must be positive (record 3)");
    expect(await within(detail).findByText("Enter a positive budget in Salesforce, then retry.")).toBeInTheDocument();
    const diff = within(detail).getByRole("table");
    expect(within(diff).getByText("—")).toHaveAttribute("title", "No value");
    expect(within(diff).queryByText("null")).not.toBeInTheDocument();
    expect(within(diff).getByText("3")).toBeInTheDocument();

    await user.click(within(detail).getByRole("button", { name: "Retry this record" }));
    expect(retried).toEqual([["r3"]]);
  });

  it("offers no retry for a row that succeeded", async () => {
    const user = userEvent.setup();
    render(<RegistryTable rows={rows} onRetry={() => undefined} onExportCsv={() => undefined} />);
    await user.click(screen.getByText("Record 0"));
    const detail = screen.getByRole("complementary", { name: "Registry row detail" });
    expect(within(detail).queryByRole("button", { name: "Retry this record" })).not.toBeInTheDocument();
  });

  it("retries every failed row shown and exports with the filter", async () => {
    const user = userEvent.setup();
    const small = makeRows(12);
    const retried: string[][] = [];
    const exported: RegistryFilter[] = [];
    render(<RegistryTable rows={small} onRetry={(ids) => retried.push(ids)} onExportCsv={(f) => exported.push(f)} />);

    await user.click(screen.getByRole("button", { name: "Retry failed (3)" }));
    expect(retried).toEqual([["r3", "r7", "r11"]]);

    await user.click(screen.getByRole("button", { name: /^Pending/ }));
    await user.click(screen.getByRole("button", { name: "Export CSV" }));
    expect(exported).toEqual([{ states: ["Pending"], mapping: "", object: "", from: "", to: "", text: "" }]);
    expect(screen.getByRole("button", { name: "Retry failed (0)" })).toBeDisabled();
  });

  it("tells when no row matches", async () => {
    const user = userEvent.setup();
    render(<RegistryTable rows={makeRows(4)} onRetry={() => undefined} onExportCsv={() => undefined} />);
    await user.type(screen.getByRole("searchbox", { name: "Search records" }), "no such record");
    expect(screen.getByText("No row matches these filters.")).toBeInTheDocument();
  });

  it("names records by label with both ids below", async () => {
    const user = userEvent.setup();
    const same = (id: string, sf: string): RegistryRow => ({
      ...makeRows(1)[0]!,
      id,
      eventId: "e1",
      runId: 7,
      label: "00001026 Charger overheating",
      recordName: "/Issue/lz1",
      salesforceId: sf,
      clarizenId: `/Issue/${id}`,
    });
    render(
      <RegistryTable
        rows={[same("a", "500000000000001AAA"), same("b", "500000000000002AAA")]}
        eventNames={new Map([["e1", "Escalated cases"]])}
        onRetry={() => undefined}
        onExportCsv={() => undefined}
      />,
    );
    const titles = screen.getAllByText("00001026 Charger overheating");
    expect(titles).toHaveLength(2);
    expect(screen.getByText("Salesforce 500000000000001AAA · Clarizen /Issue/a")).toBeInTheDocument();
    expect(screen.getByText("Salesforce 500000000000002AAA · Clarizen /Issue/b")).toBeInTheDocument();

    await user.type(screen.getByRole("searchbox", { name: "Search records" }), "0002AAA");
    expect(screen.getByText("Showing 1 of 2 rows")).toBeInTheDocument();
    await user.click(screen.getByText("00001026 Charger overheating"));
    const detail = screen.getByRole("complementary", { name: "Registry row detail" });
    expect(within(detail).getByRole("heading", { name: "00001026 Charger overheating" })).toBeInTheDocument();
    expect(within(detail).getByTestId("detail-salesforce-id")).toHaveTextContent("500000000000002AAA");
    expect(within(detail).getByTestId("detail-clarizen-id")).toHaveTextContent("/Issue/b");
    expect(within(detail).getByTestId("detail-event")).toHaveTextContent("Escalated cases");
  });

  it("falls back to the record name without a label", () => {
    const row: RegistryRow = { ...makeRows(1)[0]!, label: "", recordName: "Acme", salesforceId: "001A" };
    render(<RegistryTable rows={[row]} onRetry={() => undefined} onExportCsv={() => undefined} />);
    expect(screen.getByText("Acme")).toBeInTheDocument();
    expect(screen.getByText("Salesforce 001A")).toBeInTheDocument();
  });

  it("offers Sync now beside Retry failed", async () => {
    const user = userEvent.setup();
    let synced = 0;
    render(<RegistryTable rows={makeRows(4)} onRetry={() => undefined} onExportCsv={() => undefined} onSyncNow={() => synced++} />);
    await user.click(screen.getByRole("button", { name: "Sync now" }));
    expect(synced).toBe(1);
  });
});
