export default function PortalPage() {
  return <main className="p-8">PortalPage</main>;
}
