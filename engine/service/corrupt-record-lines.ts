/**
 * Where a corrupt record is in its file. The readers put a bad record's exact text in the
 * corrupt-record column (FailureSafeParser), in file order; this finds each text again at
 * the start of a line, searching on from the previous one, and reports that line's 1-based
 * number as the readers count lines (line-splitter.ts: `\n`, `\r\n`, `\r`, or `lineSep`).
 */
import { LineSplitter } from '../io/formats/line-splitter';

export class RecordLocator {
  private readonly starts: number[] = [];
  /** Index into `starts` of the first line the next search may use. */
  private next = 0;

  constructor(
    private readonly text: string,
    private readonly lineSep: string | null,
  ) {
    const lines = new LineSplitter(text, lineSep);
    while (lines.next()) this.starts.push(lines.start);
  }

  /** The line `record` starts on, after the previously located record; null if it is not there. */
  locate(record: string): number | null {
    const line = this.search(record, this.next) ?? this.search(record, 0);
    if (line === null) return null;
    // Continue after the record's last line (a multi-line record spans several).
    const end = this.starts[line] + record.length;
    let k = line + 1;
    while (k < this.starts.length && this.starts[k] < end) k++;
    this.next = k;
    return line + 1;
  }

  /** Index of the first line at index ≥ from that holds exactly `record` up to a line end. */
  private search(record: string, from: number): number | null {
    for (let k = from; k < this.starts.length; k++) {
      const start = this.starts[k];
      if (this.text.startsWith(record, start) && this.endsLine(start + record.length)) return k;
    }
    return null;
  }

  private endsLine(offset: number): boolean {
    if (offset >= this.text.length) return true;
    if (this.lineSep !== null) return this.text.startsWith(this.lineSep, offset);
    const c = this.text.charCodeAt(offset);
    return c === 10 || c === 13;
  }
}
