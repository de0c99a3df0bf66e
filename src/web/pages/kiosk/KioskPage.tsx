export default function KioskPage() {
  return <main className="p-8">KioskPage</main>;
}
