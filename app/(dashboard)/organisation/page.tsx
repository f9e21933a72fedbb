// /organisation, the address the nanoStream seed links to, is the Overview tab.
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";

export default async function OrganisationPage(): Promise<never> {
  await requireUser("org:read");
  redirect("/organisation/overview");
}
