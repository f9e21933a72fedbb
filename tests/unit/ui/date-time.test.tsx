// @vitest-environment jsdom
import { fireEvent, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import "./setup";
import { DateTime } from "@/components/ui/date-time";
import { LocalTimeTitles } from "@/components/ui/local-time-titles";
import { formatLocal, formatUtc } from "@/lib/datetime";

describe("DateTime", () => {
  it("prints UTC with its zone inside <time dateTime>", () => {
    const { container } = render(<DateTime value="2026-11-22T14:05:09Z" />);
    const time = container.querySelector("time")!;
    expect(time.textContent).toBe("2026-11-22 14:05 UTC");
    expect(time.getAttribute("dateTime")).toBe("2026-11-22T14:05:09.000Z");
  });

  it("shows the reader's local time, naming its zone, as the tooltip once the pointer reaches a date", () => {
    const { container } = render(
      <>
        <p><DateTime value="2026-11-22T14:05:09Z" /></p>
        <p><DateTime value="2026-01-05T03:07:01Z" /></p>
        <LocalTimeTitles />
      </>,
    );
    const [first, second] = Array.from(container.querySelectorAll("time"));
    fireEvent.pointerOver(first);
    expect(first.getAttribute("title")).toBe(formatLocal("2026-11-22T14:05:09Z"));
    expect(first.getAttribute("title")).toMatch(/\(.+\)$/);
    expect(second.hasAttribute("title")).toBe(false); // filled when it is reached, not before
    fireEvent.focusIn(second);
    expect(second.getAttribute("title")).toBe(formatLocal("2026-01-05T03:07:01Z"));
  });

  it("formats the same instant the same way whatever the input type", () => {
    const ms = Date.UTC(2026, 0, 5, 3, 7, 1);
    expect(formatUtc(new Date(ms))).toBe("2026-01-05 03:07 UTC");
    expect(formatUtc(ms, { seconds: true })).toBe("2026-01-05 03:07:01 UTC");
    expect(formatLocal(ms, "Europe/Berlin")).toBe("5 Jan 2026, 04:07 (Europe/Berlin)");
  });

  it("shows a dash for an invalid date instead of 'Invalid Date'", () => {
    const { container } = render(<DateTime value="not a date" />);
    expect(container.textContent).toBe("—");
  });
});
