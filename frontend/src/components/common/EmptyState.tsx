import type { ReactNode } from "react";

/** Renders a screen that has nothing to show yet, with the next step for the user. */
export function EmptyState({ icon, title, children, actions }: { icon?: ReactNode; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      {icon ? <div className="empty-state__icon">{icon}</div> : null}
      <p className="empty-state__title">{title}</p>
      <div>{children}</div>
      {actions ? <div className="button-row">{actions}</div> : null}
    </div>
  );
}
