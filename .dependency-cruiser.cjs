// The dependency rules of DESIGN.md, checked by `npm test` (the check:deps script):
// no import cycles (type-only imports included), and the layers
//   engine <- model <- metrics <- scenario <- experiment <- report <- cli
// where a layer imports only itself and the layers to its left.
const LAYERS = ["engine", "model", "metrics", "scenario", "experiment", "report", "cli"];

/** The layers above `layer`: what it must not import. */
const above = (layer) => LAYERS.slice(LAYERS.indexOf(layer) + 1);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle (type-only imports count too): split the shared part into a file both can import.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    ...LAYERS.slice(0, -1).map((layer) => ({
      name: `${layer}-imports-no-higher-layer`,
      severity: "error",
      comment: `src/${layer} is below ${above(layer).join(", ")} (DESIGN.md, Layers): it must not import them.`,
      from: { path: `^src/${layer}/` },
      to: { path: `^src/(${above(layer).join("|")})/` },
    })),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
