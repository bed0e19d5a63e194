// Type declarations for the parts of frappe-gantt 1.2 that Liaison uses;
// the package ships none.
declare module "frappe-gantt" {
  export interface GanttTask {
    id: string;
    name: string;
    start: string;
    end: string;
    progress: number;
    dependencies: string;
    custom_class?: string;
  }

  export interface GanttPopupContext {
    task: GanttTask & { _start: Date; _end: Date };
    set_title(html: string): void;
    set_subtitle(html: string): void;
    set_details(html: string): void;
  }

  /** A time scale: its column step and the texts of the two header rows. */
  export interface GanttViewMode {
    name: string;
    padding?: string | string[];
    step: string;
    column_width?: number;
    date_format?: string;
    upper_text?: string | ((date: Date, previous: Date | null, language: string) => string);
    lower_text?: string | ((date: Date, previous: Date | null, language: string) => string);
    thick_line?: (date: Date) => boolean;
    snap_at?: string;
  }

  export interface GanttOptions {
    view_mode?: "Day" | "Week" | "Month" | "Year";
    /** The scales to offer: predefined names or full definitions. The chart starts with the first. */
    view_modes?: (string | GanttViewMode)[];
    readonly?: boolean;
    infinite_padding?: boolean;
    scroll_to?: string;
    today_button?: boolean;
    view_mode_select?: boolean;
    popup_on?: "click" | "hover";
    popup?: ((ctx: GanttPopupContext) => void) | false;
    bar_height?: number;
    padding?: number;
    container_height?: number | "auto";
    lines?: "none" | "vertical" | "horizontal" | "both";
    language?: string;
    /** Highlighted days: CSS colour to "weekend", a date list or a predicate. */
    holidays?: Record<string, unknown>;
  }

  export default class Gantt {
    constructor(wrapper: HTMLElement | SVGElement | string, tasks: GanttTask[], options?: GanttOptions);
    change_view_mode(mode?: string, maintainPosition?: boolean): void;
    refresh(tasks: GanttTask[]): void;
    clear(): void;
  }
}
