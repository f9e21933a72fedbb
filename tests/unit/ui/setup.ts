// Imported by every UI test file (so it works under any vitest config, with or without globals):
// unmount rendered trees between tests.
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());
