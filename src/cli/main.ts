export async function main(argv: string[]): Promise<number> {
  console.log('fas', argv);
  return 0;
}
