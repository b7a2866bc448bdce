import { join } from "node:path";
import { toolDir } from "./workspace.js";

/** A bin of tools/release (publint, attw, verdaccio, ...). */
export const bin = (name: string) => join(toolDir, "node_modules", ".bin", name);
