import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { isScalar, parseDocument } from "yaml";
import { publicPackages } from "./workspace.js";

/**
 * The package version is the source of truth; `info.version` of specs/<id>/openapi.yaml follows it.
 * `changeset version` bumps package.json, then `sync-versions` copies the version into the spec.
 */
export interface VersionPair {
  name: string;
  spec: string;
  packageVersion: string;
  specVersion: string | undefined;
}

/** `info.version` of a spec file, with the byte range of its value (for an in-place edit that keeps comments). */
export function readSpecVersion(source: string): { value: string | undefined; range?: [number, number] } {
  const doc = parseDocument(source, { keepSourceTokens: true });
  const node = doc.getIn(["info", "version"], true);
  if (!isScalar(node)) return { value: undefined };
  const value = node.value === null || node.value === undefined ? undefined : String(node.value);
  return node.range ? { value, range: [node.range[0], node.range[1]] } : { value };
}

/** Replace `info.version` in the YAML text, leaving every other byte as it was. */
export function setSpecVersion(source: string, version: string): string {
  const { range } = readSpecVersion(source);
  if (!range) throw new Error("the spec has no info.version scalar to update");
  return source.slice(0, range[0]) + version + source.slice(range[1]);
}

export async function versionPairs(root: string): Promise<VersionPair[]> {
  return (await publicPackages(root))
    .filter((p) => p.spec)
    .map((p) => ({
      name: p.name,
      spec: p.spec!,
      packageVersion: p.version,
      specVersion: readSpecVersion(readFileSync(p.spec!, "utf8")).value,
    }));
}

export async function mismatches(root: string): Promise<string[]> {
  return (await versionPairs(root))
    .filter((p) => p.specVersion !== p.packageVersion)
    .map((p) => `${relative(root, p.spec)}: info.version is ${p.specVersion ?? "(missing)"} but ${p.name} is ${p.packageVersion}`);
}

/** Write each package's version into its spec's info.version; returns the files changed. */
export async function syncVersions(root: string): Promise<string[]> {
  const changed: string[] = [];
  for (const p of await versionPairs(root)) {
    if (p.specVersion === p.packageVersion) continue;
    writeFileSync(p.spec, setSpecVersion(readFileSync(p.spec, "utf8"), p.packageVersion));
    changed.push(`${relative(root, p.spec)}: ${p.specVersion ?? "(missing)"} -> ${p.packageVersion}`);
  }
  return changed;
}
