// Unmount rendered trees between tests (Testing Library only does this by itself with globals).
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());
