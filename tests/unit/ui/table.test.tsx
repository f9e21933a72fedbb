// @vitest-environment jsdom
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import "./setup";
import { Table } from "@/components/ui/table";

type Row = { id: string; email: string; role: string };
const rows: Row[] = [
  { id: "1", email: "ana@x.com", role: "Admin" },
  { id: "2", email: "bo@x.com", role: "User" },
];

describe("Table", () => {
  it("labels every cell with its column for the mobile card layout", () => {
    render(
      <Table
        caption="Users"
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: "Email", cell: (r) => r.email },
          { header: "Permission Level", cell: (r) => r.role },
          { header: "Actions", hideHeader: true, cell: () => <button type="button">Delete</button> },
        ]}
      />,
    );

    const table = screen.getByRole("table", { name: "Users" });
    expect(within(table).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["Email", "Permission Level", "Actions"]);

    const [, first, second] = within(table).getAllByRole("row");
    for (const [row, email] of [[first, "ana@x.com"], [second, "bo@x.com"]] as const) {
      const cells = within(row).getAllByRole("cell");
      // The card layout prints data-label before the cell (app/globals.css); the <th> does from md up.
      expect(cells[0].getAttribute("data-label")).toBe("Email");
      expect(cells[0].textContent).toContain(email);
      expect(cells[1].getAttribute("data-label")).toBe("Permission Level");
      // The actions column hides its label: the buttons speak for themselves.
      expect(cells[2].hasAttribute("data-label")).toBe(false);
    }
  });

  it("shows the empty state instead of an empty table", () => {
    render(<Table caption="Users" rows={[]} rowKey={(r: Row) => r.id} columns={[]} empty={<p>No users yet</p>} />);
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByText("No users yet")).toBeTruthy();
  });
});
