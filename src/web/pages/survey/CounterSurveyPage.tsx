export default function CounterSurveyPage() {
  return <main className="p-8">CounterSurveyPage</main>;
}
