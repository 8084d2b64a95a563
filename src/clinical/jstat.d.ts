/** The part of jStat (MIT, no dependencies) this project uses: the Student t quantile. */
declare module 'jstat' {
  const jstat: { jStat: { studentt: { inv(p: number, dof: number): number } } };
  export default jstat;
}
