import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";
import { LocalTimeTitles } from "@/components/ui/local-time-titles";

export const metadata: Metadata = {
  title: { default: "Playgate", template: "%s · Playgate" },
  description: "Secure playback tokens, organisation settings and user management for live streaming.",
  // A console, not a site: no search engine should list its pages (public/robots.txt says the same).
  robots: { index: false, follow: false },
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts), which
// a page prerendered at build time could not know.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-50 text-sm text-slate-900 antialiased">
        {children}
        <LocalTimeTitles />
      </body>
    </html>
  );
}
