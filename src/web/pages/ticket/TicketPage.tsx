export default function TicketPage() {
  return <main className="p-8">TicketPage</main>;
}
