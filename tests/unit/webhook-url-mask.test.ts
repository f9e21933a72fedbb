// Non-admins see a webhook URL as scheme and host: its path, query, fragment and user:password@ can
// be the receiver's secret.
import { describe, expect, it } from "vitest";
import { maskWebhookUrl } from "@/lib/webhooks/masked-url";

describe("maskWebhookUrl", () => {
  it.each([
    ["https://hooks.example.com/services/T0/B1/s3cr3t", "https://hooks.example.com/…"],
    ["https://hooks.example.com/hook?token=s3cr3t&x=1", "https://hooks.example.com/…"],
    ["https://hooks.example.com/#s3cr3t", "https://hooks.example.com/…"],
    ["https://hooks.example.com", "https://hooks.example.com/…"],
    ["https://user:s3cr3t@hooks.example.com/x", "https://hooks.example.com/…"],
    ["https://hooks.example.com:8443/s3cr3t", "https://hooks.example.com:8443/…"],
    ["https://[2001:db8::1]/s3cr3t", "https://[2001:db8::1]/…"],
    ["not a url s3cr3t", "…"],
    ["", ""],
  ])("8: %s → %s", (url, shown) => {
    expect(maskWebhookUrl(url)).toBe(shown);
    expect(maskWebhookUrl(url)).not.toContain("s3cr3t");
  });
});
