import { useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import type { FieldInfo, Problem, Side } from "../../api/types";
import { sideLabel } from "../common/sides";
import { countOf, problemClass } from "./model";

export interface FieldListProps {
  side: Side;
  objectLabel: string;
  /** Fields to show, already narrowed by the search and by compatibility. */
  fields: FieldInfo[];
  totalCount: number;
  query: string;
  onQueryChange(query: string): void;
  /** The picked field when it belongs to this list. */
  pickedName: string | null;
  /** True while a field of the other list is picked: this list offers drop targets. */
  targetMode: boolean;
  /** Label of the field picked in the other list, for the hint above the list. */
  pickedElsewhere?: string;
  /** Compatible fields that the search hides while this list offers drop targets. */
  hiddenBySearch?: number;
  /** In target mode, returns why a field cannot take the picked field, such as "Read-only". */
  refusal?(field: FieldInfo): string | undefined;
  usage: Map<string, number>;
  problems: Problem[];
  onPick(field: FieldInfo): void;
  onTarget(field: FieldInfo): void;
  /** Called when the user drops or presses Enter on a field that cannot take the picked field. */
  onRefused?(field: FieldInfo, reason: string): void;
  onCancel(): void;
  onDragEnd(): void;
}

/** Renders the searchable list of fields (label, API name, type) of one side of a mapping. */
/** Returns the class of a field while another field is picked: refused, or a drop target. */
function targetClass(targetMode: boolean, refused: boolean): string {
  if (!targetMode) return "";
  if (refused) return "field--refused";
  return "field--target";
}

export function FieldList(props: FieldListProps) {
  const { side, fields, targetMode } = props;
  const [active, setActive] = useState(0);
  const [dropHover, setDropHover] = useState<string | null>(null);
  const optionRefs = useRef<(HTMLLIElement | null)[]>([]);
  const activeIndex = Math.min(active, Math.max(fields.length - 1, 0));
  const listId = `field-list-${side}`;

  const focusOption = (index: number) => {
    const next = Math.max(0, Math.min(index, fields.length - 1));
    setActive(next);
    optionRefs.current[next]?.focus();
  };

  const refusalOf = (field: FieldInfo) => (targetMode ? props.refusal?.(field) : undefined);
  const refusedCount = targetMode ? fields.filter((f) => refusalOf(f) !== undefined).length : 0;
  const hidden = targetMode ? (props.hiddenBySearch ?? 0) : 0;

  const activate = (field: FieldInfo) => {
    if (targetMode) {
      const reason = refusalOf(field);
      if (reason !== undefined) {
        props.onRefused?.(field, reason);
        return;
      }
      props.onTarget(field);
    } else {
      props.onPick(field);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number, field: FieldInfo) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        focusOption(index + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        focusOption(index - 1);
        break;
      case "Home":
        event.preventDefault();
        focusOption(0);
        break;
      case "End":
        event.preventDefault();
        focusOption(fields.length - 1);
        break;
      case "Enter":
      case " ":
        event.preventDefault();
        activate(field);
        break;
      case "Escape":
        props.onCancel();
        break;
    }
  };

  const onDragStart = (event: DragEvent<HTMLLIElement>, field: FieldInfo) => {
    event.dataTransfer?.setData("text/plain", field.name);
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = "link";
    }
    props.onPick(field);
  };

  const onDragOver = (event: DragEvent<HTMLLIElement>, field: FieldInfo) => {
    if (!targetMode) {
      return;
    }
    // Every field shown in target mode is type-compatible; it accepts the
    // drop unless it cannot be written. Without preventDefault the browser
    // refuses the drop.
    if (refusalOf(field) !== undefined) {
      return;
    }
    event.preventDefault();
    if (event.dataTransfer) {
      event.dataTransfer.dropEffect = "link";
    }
    setDropHover(field.name);
  };

  const onDrop = (event: DragEvent<HTMLLIElement>, field: FieldInfo) => {
    if (!targetMode) {
      return;
    }
    event.preventDefault();
    setDropHover(null);
    activate(field);
  };

  const listProblems = (name: string) => props.problems.filter((p) => p.side === side && p.field === name);

  return (
    <section className={`field-list field-list--${side}`} aria-labelledby={`${listId}-title`}>
      <header className="field-list__header">
        <h3 id={`${listId}-title`}>
          <span className={`side-badge side-badge--${side}`}>{sideLabel(side)}</span> {props.objectLabel}
        </h3>
        <input
          type="search"
          className="input"
          placeholder="Search label, API name or type"
          aria-label={`Search ${sideLabel(side)} fields`}
          value={props.query}
          onChange={(e) => props.onQueryChange(e.target.value)}
        />
        <p className="field-list__hint" aria-live="polite">
          {targetMode
            ? `${fields.length - refusedCount} of ${countOf(props.totalCount, "field")} can take ${props.pickedElsewhere ?? "the picked field"}.` +
              (refusedCount > 0 ? ` ${countOf(refusedCount, "read-only field")} cannot be written.` : "") +
              (hidden > 0 && fields.length > 0 ? ` ${countOf(hidden, "more is", "more are")} hidden by the search.` : "")
            : `${fields.length} of ${countOf(props.totalCount, "field")}`}
        </p>
      </header>
      {fields.length === 0 ? (
        <p className="field-list__empty">
          {targetMode && hidden > 0 ? (
            <>
              {hidden === 1 ? "1 compatible field is" : `${hidden} compatible fields are`} hidden by the search.{" "}
              <button type="button" className="link-button" onClick={() => props.onQueryChange("")}>
                Clear the search
              </button>
            </>
          ) : targetMode ? (
            "No field of this object has a compatible type. Press Escape to pick another field."
          ) : (
            "No field matches the search."
          )}
        </p>
      ) : (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${sideLabel(side)} fields of ${props.objectLabel}`}
          className={targetMode ? "field-list__items field-list__items--target" : "field-list__items"}
        >
          {fields.map((field, index) => {
            const uses = props.usage.get(field.name) ?? 0;
            const picked = props.pickedName === field.name;
            const problems = listProblems(field.name);
            const refused = refusalOf(field);
            return (
              <li
                key={field.name}
                ref={(el) => {
                  optionRefs.current[index] = el;
                }}
                role="option"
                aria-selected={picked}
                aria-disabled={refused !== undefined ? true : undefined}
                tabIndex={index === activeIndex ? 0 : -1}
                draggable={!targetMode}
                data-field={field.name}
                className={[
                  "field",
                  picked ? "field--picked" : "",
                  targetClass(targetMode, refused !== undefined),
                  dropHover === field.name ? "field--drop-hover" : "",
                ].join(" ")}
                onClick={() => {
                  setActive(index);
                  activate(field);
                }}
                onFocus={() => setActive(index)}
                onKeyDown={(e) => onKeyDown(e, index, field)}
                onDragStart={(e) => onDragStart(e, field)}
                onDragEnd={props.onDragEnd}
                onDragOver={(e) => onDragOver(e, field)}
                onDragLeave={() => setDropHover(null)}
                onDrop={(e) => onDrop(e, field)}
              >
                <span className="field__label">
                  {field.label}
                  {field.required ? <span className="field__required" title="Required on create">*</span> : null}
                </span>
                <span className="field__api">{field.name}</span>
                <span className="field__type" title={`Engine kind: ${field.kind}`}>
                  {field.nativeType}
                </span>
                {refused !== undefined ? <span className="field__reason">{refused}</span> : null}
                {uses > 0 ? (
                  <span className="field__uses" title="Field maps that use this field">
                    {uses === 1 ? "mapped" : `mapped ×${uses}`}
                  </span>
                ) : null}
                {problems.map((p) => (
                  <span key={p.code + p.message} className={`${problemClass(p)} problem--inline`} role="note">
                    {p.message}
                  </span>
                ))}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
