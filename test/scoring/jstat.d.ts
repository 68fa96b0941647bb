// Just what the tests use: jstat ships no types. The engine does not use jstat (see distributions.ts).
declare module "jstat" {
  interface JStatStatic {
    noncentralt: { cdf(x: number, dof: number, ncp: number): number };
    studentt: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
    normal: { cdf(x: number, mean: number, sd: number): number };
  }
  const jStat: JStatStatic;
  export default jStat;
}
