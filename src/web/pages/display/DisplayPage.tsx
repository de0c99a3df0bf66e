export default function DisplayPage() {
  return <main className="p-8">DisplayPage</main>;
}
