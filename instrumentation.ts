// Next.js calls register() once per server process: start the webhook worker there (Node.js
// runtime only; the worker guards itself so dev reloads never start a second one).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startWebhookWorker } = await import("@/lib/webhooks/worker");
    startWebhookWorker();
  }
}
