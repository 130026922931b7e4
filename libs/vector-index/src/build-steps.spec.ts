import { runStepsNow, runStepsWithPauses, type BuildSteps } from './build-steps';

function* countToThree(log: string[]): BuildSteps<number> {
  for (let i = 1; i <= 3; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return 3;
}

describe('build steps', () => {
  it('runs all steps at once', () => {
    const log: string[] = [];
    expect(runStepsNow(countToThree(log))).toBe(3);
    expect(log).toEqual(['step 1', 'step 2', 'step 3']);
  });

  it('awaits the pause between steps', async () => {
    const log: string[] = [];
    const pause = () => {
      log.push('pause');
      return Promise.resolve();
    };
    await expect(runStepsWithPauses(countToThree(log), pause)).resolves.toBe(3);
    expect(log).toEqual(['step 1', 'pause', 'step 2', 'pause', 'step 3', 'pause']);
  });
});
