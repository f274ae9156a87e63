// Every planted theme, in the order data/README.md lists them.
import type { Theme } from '../theme.js';
import { appCrash } from './app-crash.js';
import { billing } from './billing.js';
import { checkoutCrash } from './checkout-crash.js';
import { deliveryLate } from './delivery-late.js';
import { featureDarkMode } from './feature-dark-mode.js';
import { featureExport } from './feature-export.js';
import { featureLanguage } from './feature-language.js';
import { featurePayment } from './feature-payment.js';
import { featureTimeSlot } from './feature-time-slot.js';
import { login } from './login.js';
import { noise } from './noise.js';
import { praiseApp } from './praise-app.js';
import { praiseDelivery } from './praise-delivery.js';
import { praiseStaff } from './praise-staff.js';
import { price } from './price.js';
import { questions } from './questions.js';
import { search } from './search.js';
import { subscriptionCancel } from './subscription-cancel.js';
import { supportBad } from './support-bad.js';

export const THEMES: readonly Theme[] = [
  checkoutCrash,
  appCrash,
  login,
  deliveryLate,
  billing,
  supportBad,
  subscriptionCancel,
  search,
  price,
  featureDarkMode,
  featurePayment,
  featureExport,
  featureTimeSlot,
  featureLanguage,
  praiseDelivery,
  praiseStaff,
  praiseApp,
  questions,
  noise,
];

export { checkoutCrash, deliveryLate };
