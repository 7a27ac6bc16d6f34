import { EmptyState, PageHeader } from "@/components/ui";

export function ComingSoon({ title, description }: { title: string; description: string }) {
  return (
    <>
      <PageHeader title={title} subtitle={description} />
      <EmptyState title="Coming soon">This part of Deskbridge is not available yet.</EmptyState>
    </>
  );
}
