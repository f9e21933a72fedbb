"use client";
// A page whose snippets carry a token (Playout): the inline token dialog offers "Use on this page",
// and every snippet and the preview player on the page read the token from here, so one step puts
// a new token into all of them instead of a hand edit per rendition. Outside a provider the dialog
// shows no such button.
import { createContext, useContext, useState, type ReactNode } from "react";

type TokenInsert = { token: string | null; insert: (token: string) => void };

const TokenInsertContext = createContext<TokenInsert | null>(null);

export function TokenInsertProvider({ children }: { children: ReactNode }) {
  const [token, insert] = useState<string | null>(null);
  return <TokenInsertContext.Provider value={{ token, insert }}>{children}</TokenInsertContext.Provider>;
}

export function useTokenInsert(): TokenInsert | null {
  return useContext(TokenInsertContext);
}
