import { ProgressBar } from './progress-bar';

describe('ProgressBar', () => {
  it('redraws one line in place on a terminal', () => {
    const out: string[] = [];
    const bar = new ProgressBar({ write: (text) => out.push(text), isTTY: true }, 'epochs', 4);
    bar.update(1, 'loss 0.5');
    bar.update(4);
    bar.finish();
    expect(out[0]).toBe('\r\x1b[2Kepochs [#######.....................]  25%  1/4  loss 0.5');
    expect(out[1]).toContain('[############################] 100%  4/4');
    expect(out[2]).toBe('\n');
  });

  it('prints the first update and then a line per tenth of the way elsewhere', () => {
    const out: string[] = [];
    const bar = new ProgressBar({ write: (text) => out.push(text) }, 'users', 100);
    for (let done = 1; done <= 100; done++) bar.update(done);
    bar.finish();
    expect(out).toHaveLength(11);
    expect(out.every((line) => line.endsWith('\n'))).toBe(true);
    expect(out[0]).toContain(' 1/100');
    expect(out[5]).toContain(' 50/100');
    expect(out[10]).toContain('100/100');
  });
});
