// The generated descriptor against a local server: tools/test-kit/src/descriptor.ts.
import { describeDescriptor } from "@subscription-apis/test-kit/descriptor";
import { descriptor } from "../dist/generated/descriptor.js";

describeDescriptor(descriptor);
