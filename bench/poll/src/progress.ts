/** Reports each further tenth of a section on stderr, so a long run shows life. */
export function progressReporter(label: string, total: number): (done: number) => void {
  let reportedTenths = 0;
  return (done) => {
    const tenths = Math.floor((done * 10) / total);
    if (tenths <= reportedTenths) return;
    reportedTenths = tenths;
    process.stderr.write(`  ${label}: ${tenths * 10}% (${done}/${total})\n`);
  };
}
