"use client";
// /secure/token's form: the shared TokenForm; a created token opens its overview, saying so.
import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toast";
import { TokenForm, type TokenFormProps } from "@/components/tokens/token-form";
import { createTokenAction } from "./actions";

export function CreateTokenForm(props: Omit<TokenFormProps, "onCreated" | "action">) {
  const router = useRouter();
  const { toast } = useToast();
  return (
    <TokenForm
      {...props}
      action={createTokenAction}
      onCreated={(token) => {
        toast("Token created. Copy its security config below.", { tone: "success" });
        router.push(`/secure/token/${token.id}`);
      }}
    />
  );
}
