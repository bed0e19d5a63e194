// Vitest setup: DOM matchers, cleanup between tests, and the layout APIs
// that jsdom does not implement but the charting and virtualisation
// libraries call. The stand-ins return fixed sizes; they make no claim
// about real layout, which the end-to-end tests check in Chromium.
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
});

if (!("getBBox" in SVGElement.prototype)) {
  Object.defineProperty(SVGElement.prototype, "getBBox", {
    configurable: true,
    value(this: SVGElement) {
      const width = Number(this.getAttribute("width") ?? 0) || 40;
      const height = Number(this.getAttribute("height") ?? 0) || 12;
      const x = Number(this.getAttribute("x") ?? 0) || 0;
      const y = Number(this.getAttribute("y") ?? 0) || 0;
      return { x, y, width, height };
    },
  });
}

// jsdom leaves innerText out; frappe-gantt writes its header labels with it
// and reads them back through textContent.
if (!("innerText" in HTMLElement.prototype)) {
  Object.defineProperty(HTMLElement.prototype, "innerText", {
    configurable: true,
    get(this: HTMLElement) {
      return this.textContent ?? "";
    },
    set(this: HTMLElement, value: string) {
      this.textContent = value;
    },
  });
}

if (!("scrollTo" in Element.prototype)) {
  Object.defineProperty(Element.prototype, "scrollTo", { configurable: true, value() {} });
}

if (typeof window.matchMedia !== "function") {
  Object.defineProperty(window, "matchMedia", {
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener() {},
      removeEventListener() {},
      addListener() {},
      removeListener() {},
      dispatchEvent: () => false,
    }),
  });
}
