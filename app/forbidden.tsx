import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-2 p-6 text-center">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="text-sm text-muted">Your role does not give access to this page. Ask an admin if you need it.</p>
      <Link href="/customers" className="text-sm text-accent underline">
        Back to customers
      </Link>
    </main>
  );
}
