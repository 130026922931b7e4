export async function runImportCommand(): Promise<number> {
  return 1;
}
