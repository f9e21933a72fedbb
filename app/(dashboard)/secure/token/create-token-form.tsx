"use client";
// /secure/token's form: the shared TokenForm; a created token opens its overview, saying so.
import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toast";
import { TokenForm, type TokenFormProps } from "@/components/tokens/token-form";

export function CreateTokenForm(props: Omit<TokenFormProps, "onCreated">) {
  const router = useRouter();
  const { toast } = useToast();
  return (
    <TokenForm
      {...props}
      onCreated={(token) => {
        toast("Token created. Copy its security config below.", { tone: "success" });
        router.push(`/secure/token/${token.id}`);
      }}
    />
  );
}
