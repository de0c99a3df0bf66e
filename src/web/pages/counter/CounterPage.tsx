export default function CounterPage() {
  return <main className="p-8">CounterPage</main>;
}
