/** The booking screens' words, registered once by whichever module needs them first. */
import { addTranslations } from '../../i18n';
import en from './i18n.en.json';
import id from './i18n.id.json';

addTranslations('book', { id, en });
