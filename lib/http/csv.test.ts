import { describe, expect, it } from "vitest";
import { csvCell, csvResponse, csvRow } from "./csv";

describe("csv", () => {
  it("quotes what needs quoting and doubles quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvRow(["a", null, "b,c"])).toBe('a,,"b,c"\r\n');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("a=1")).toBe("a=1");
  });

  it("streams the header and each page as it is read", async () => {
    async function* pages() {
      yield [["1", "a@example.com"]];
      yield [["2", "=cmd"]];
    }
    const res = csvResponse("purchases.csv", ["id", "email"], pages());
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="purchases.csv"');
    expect(await res.text()).toBe("id,email\r\n1,a@example.com\r\n2,'=cmd\r\n");
  });
});
