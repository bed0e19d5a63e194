// Shortens a file system path for a narrow place such as the sidebar,
// where a browser would otherwise wrap it in the middle of a folder name.

/** Maximum length of a folder name shown whole; a longer one loses its middle. */
export const maxSegmentLength = 28;
/** Maximum length of a path shown whole; a longer one loses folders from its middle. */
export const maxPathLength = 56;

const ellipsis = "…";

function shortenSegment(segment: string, max: number): string {
  if (segment.length <= max) return segment;
  const head = Math.ceil((max - 1) / 2);
  const tail = Math.floor((max - 1) / 2);
  return segment.slice(0, head) + ellipsis + segment.slice(segment.length - tail);
}

/**
 * Splits path into pieces that each end with the path separator (but the
 * last), so that a caller can allow a line break after each piece and
 * nowhere else. Folder names longer than maxSegment lose their middle, and
 * when the whole is longer than maxTotal, folders after the first are
 * replaced by one "…" until it fits, keeping the last folder.
 */
export function pathPieces(path: string, maxTotal = maxPathLength, maxSegment = maxSegmentLength): string[] {
  const sep = path.includes("\\") && !path.includes("/") ? "\\" : "/";
  const parts = path.split(sep);
  const pieces = parts.map((part, i) => shortenSegment(part, maxSegment) + (i < parts.length - 1 ? sep : ""));
  // An absolute Unix path starts with an empty part, whose piece is "/".
  const keepFirst = pieces[0] === sep ? 2 : 1;
  const length = () => pieces.reduce((n, p) => n + p.length, 0);
  let cut = false;
  while (length() > maxTotal && pieces.length > keepFirst + 1 + (cut ? 1 : 0)) {
    if (!cut) {
      pieces.splice(keepFirst, 1, ellipsis + sep);
      cut = true;
    } else {
      pieces.splice(keepFirst + 1, 1);
    }
  }
  return pieces;
}
