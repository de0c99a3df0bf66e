/**
 * A line chart drawn by chart.js on a canvas. The canvas is an image with a name for screen
 * readers; the caller shows the same figures in a table.
 */
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { currentLang } from '../../i18n';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

export interface Series {
  label: string;
  data: (number | null)[];
  color: string;
  dashed?: boolean;
}

export function LineChart({
  labels,
  series,
  label,
  min,
  max,
  digits = 0,
  testId,
}: {
  labels: string[];
  series: Series[];
  /** what the chart shows, for screen readers */
  label: string;
  min?: number;
  max?: number;
  /** decimals of the values on the axis and in the tooltip */
  digits?: number;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const lang = currentLang();
  const key = JSON.stringify({ labels, series, min, max, digits, lang });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for every input of the drawing
  useEffect(() => {
    if (!canvas.current) return;
    const locale = lang === 'en' ? 'en-US' : 'id-ID';
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label,
          data: s.data,
          borderColor: s.color,
          backgroundColor: s.color,
          borderWidth: 3,
          borderDash: s.dashed ? [6, 4] : [],
          pointRadius: labels.length > 20 ? 2 : 4,
          spanGaps: true,
          tension: 0.2,
        })),
      },
      options: {
        locale,
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { ticks: { color: '#334155', maxRotation: 0, autoSkip: true } },
          y: {
            ...(min !== undefined ? { min } : { beginAtZero: true }),
            ...(max !== undefined ? { max } : {}),
            ticks: { color: '#334155', callback: (v) => number.format(Number(v)) },
          },
        },
        plugins: {
          legend: { labels: { color: '#0f172a', boxWidth: 24, boxHeight: 3 } },
          tooltip: {
            callbacks: {
              label: (c) => `${c.dataset.label}: ${c.parsed.y === null ? '—' : number.format(c.parsed.y)}`,
            },
          },
        },
      },
    });
    canvas.current.dataset.points = String(labels.length);
    return () => chart.destroy();
  }, [key]);

  return (
    <div className="relative h-56 w-full">
      <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
