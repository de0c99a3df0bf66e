import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import './i18n';
import { StaffFrame } from './components/emergency/StaffFrame';
import { RootRedirect } from './components/RootRedirect';
import { ApiError } from './lib/api';
import './styles.css';

// Each screen is its own chunk: a phone opening its ticket page loads only that one.
const Portal = lazy(() => import('./pages/portal/PortalPage'));
const Kiosk = lazy(() => import('./pages/kiosk/KioskPage'));
const Display = lazy(() => import('./pages/display/DisplayPage'));
const Counter = lazy(() => import('./pages/counter/CounterPage'));
const TicketPage = lazy(() => import('./pages/ticket/TicketPage'));
const BookPage = lazy(() => import('./pages/book/BookPage'));
const BookingPage = lazy(() => import('./pages/booking/BookingPage'));
const CounterSurvey = lazy(() => import('./pages/survey/CounterSurveyPage'));
const Ikm = lazy(() => import('./pages/ikm/IkmPage'));
const SkmAdmin = lazy(() => import('./pages/skm-admin/SkmAdminPage'));
const Dashboard = lazy(() => import('./pages/dashboard/DashboardPage'));
const Kinerja = lazy(() => import('./pages/kinerja/KinerjaPage'));
const Admin = lazy(() => import('./pages/admin/AdminPage'));
const ApplicationPage = lazy(() => import('./pages/application/ApplicationPage'));
const Applications = lazy(() => import('./pages/permohonan/PermohonanPage'));
const ComplaintForm = lazy(() => import('./pages/lapor/LaporPage'));
const ComplaintPage = lazy(() => import('./pages/complaint/ComplaintPage'));
const Complaints = lazy(() => import('./pages/pengaduan/PengaduanPage'));
const QuestionPage = lazy(() => import('./pages/question/QuestionPage'));
const Consultations = lazy(() => import('./pages/konsultasi/KonsultasiPage'));
const Facilities = lazy(() => import('./pages/fasilitas/FasilitasPage'));
const EmergencyReport = lazy(() => import('./pages/darurat/EmergencyReportPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx (unknown mall, ticket) will not change on retry; a network or server error may.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

function Loading() {
  return <div className="p-8 text-lg">…</div>;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<RootRedirect />} />
              <Route path="/t/:token" element={<TicketPage />} />
              <Route path="/b/:token" element={<BookingPage />} />
              <Route path="/p/:token" element={<ApplicationPage />} />
              <Route path="/c/:token" element={<ComplaintPage />} />
              <Route path="/q/:token" element={<QuestionPage />} />
              <Route path="/:mall" element={<Portal />} />
              <Route path="/:mall/book" element={<BookPage />} />
              <Route path="/:mall/kiosk" element={<Kiosk />} />
              <Route path="/:mall/display" element={<Display />} />
              <Route path="/:mall/survey/counter/:counterId" element={<CounterSurvey />} />
              <Route path="/:mall/ikm" element={<Ikm />} />
              <Route path="/:mall/lapor" element={<ComplaintForm />} />
              <Route path="/:mall/fasilitas" element={<Facilities />} />
              <Route path="/:mall/darurat" element={<EmergencyReport />} />
              {/* staff screens: every one hears the mall's emergencies (not the survey tablet, which faces the citizen) */}
              <Route element={<StaffFrame />}>
                <Route path="/:mall/counter" element={<Counter />} />
                <Route path="/:mall/skm" element={<SkmAdmin />} />
                <Route path="/:mall/dashboard" element={<Dashboard />} />
                <Route path="/:mall/kinerja" element={<Kinerja />} />
                <Route path="/:mall/admin" element={<Admin />} />
                <Route path="/:mall/permohonan" element={<Applications />} />
                <Route path="/:mall/pengaduan" element={<Complaints />} />
                <Route path="/:mall/konsultasi" element={<Consultations />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}
