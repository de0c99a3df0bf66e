export default function IkmPage() {
  return <main className="p-8">IkmPage</main>;
}
