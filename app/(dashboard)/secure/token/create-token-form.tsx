"use client";
// /secure/token's form: the shared TokenForm; a created token opens its overview.
import { useRouter } from "next/navigation";
import { TokenForm, type TokenFormProps } from "@/components/tokens/token-form";

export function CreateTokenForm(props: Omit<TokenFormProps, "onCreated">) {
  const router = useRouter();
  return <TokenForm {...props} onCreated={(token) => router.push(`/secure/token/${token.id}`)} />;
}
