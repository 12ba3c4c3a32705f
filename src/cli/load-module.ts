// Moved: the server (src/review) loads recorded workflows too, and nothing imports cli/.
export { importUserModule } from "../internal/user-module.js";
export { loadWorkflow } from "../review/workflow-module.js";
