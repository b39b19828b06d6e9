import {
  ACT_FOR,
  GUARDIANSHIP_CLAIM_BY_MATERIAL,
  GUARDIANSHIP_CLAIM_BY_REGISTER,
  GUARDIANSHIP_OVERVIEW,
} from '../api/operations';
import type {
  ActForMutation,
  ActForMutationVariables,
  GuardianshipClaimByMaterialMutation,
  GuardianshipClaimByMaterialMutationVariables,
  GuardianshipClaimByRegisterMutation,
  GuardianshipClaimByRegisterMutationVariables,
  GuardianshipOverviewQuery,
} from '../generated/graphql';
import { pick } from '../i18n/settings';
import { t } from '../i18n/t';
import { acting } from '../app/acting';
import { definePage, type PageEvent } from '../app/page';
import { services, settings } from '../app/services';
import { baseData, blank, run } from './common';
import { claimViews, fieldErrors, wardViews, type ClaimView, type FieldErrors, type WardView } from './guardianshipViews';

/** 监护: confirm that I am a minor child's guardian (by the household register, else by a material),
 * my claims with their status, and act for a child in my care. */
export const guardianshipPage = definePage({
  data: {
    ...blank(),
    draft: { residentId: '', name: '' },
    errors: {} as FieldErrors,
    /** What the last claim came to: granted at once, a material needed, a material sent. */
    outcome: '' as '' | 'granted' | 'needsMaterial' | 'sent',
    granted: '',
    /** The server's words on why a material is needed (the register does not list the child, or did not answer). */
    because: '',
    wards: [] as WardView[],
    claims: [] as ClaimView[],
  },
  onLoad() {
    this.setData(baseData());
    void run(this, () => this.reload());
  },
  async reload() {
    const s = settings();
    const overview = await services().client.request<GuardianshipOverviewQuery>(GUARDIANSHIP_OVERVIEW);
    this.setData({ wards: wardViews(overview.authorisations, s), claims: claimViews(overview.guardianshipClaims, s) });
  },
  onField(e: PageEvent) {
    const name = e.currentTarget.dataset.name ?? '';
    const value = (e.detail.value ?? '').trim();
    if (name === 'residentId' || name === 'name') {
      this.setData({ draft: { ...this.data.draft, [name]: value }, errors: { ...this.data.errors, [name]: undefined } });
    }
  },
  onClaim() {
    void run(this, async () => {
      const s = settings();
      this.setData({ errors: {}, outcome: '', because: '' });
      const { claimGuardianship: result } = await services().client.request<
        GuardianshipClaimByRegisterMutation,
        GuardianshipClaimByRegisterMutationVariables
      >(GUARDIANSHIP_CLAIM_BY_REGISTER, this.data.draft);
      if (result.__typename === 'Authorisation') {
        const date = result.validUntil ? result.validUntil.slice(0, 10) : '';
        this.setData({ outcome: 'granted', granted: t('guardianshipGranted', s, { name: result.principalName, date }) });
        await this.reload();
        return;
      }
      if (result.code === 'NEEDS_MATERIAL') {
        this.setData({ outcome: 'needsMaterial', because: pick(result.message, s) });
        return;
      }
      const { fields, other } = fieldErrors(result.message, result.errors, s);
      this.setData({ errors: fields });
      if (other) throw new Error(other);
    });
  },
  onUpload(e: PageEvent) {
    void run(this, async () => {
      const s = settings();
      const file = e.detail.file ?? (await services().pickFile?.());
      if (!file) return;
      this.setData({ errors: {} });
      const { claimGuardianshipByMaterial: result } = await services().client.upload<
        GuardianshipClaimByMaterialMutation,
        GuardianshipClaimByMaterialMutationVariables
      >(GUARDIANSHIP_CLAIM_BY_MATERIAL, { ...this.data.draft, file: null }, 'file', file);
      if (result.__typename === 'ApplicationError') {
        const { fields, other } = fieldErrors(result.message, result.errors, s);
        this.setData({ errors: fields });
        if (other) throw new Error(other);
        return;
      }
      this.setData({ outcome: 'sent', because: '' });
      await this.reload();
    });
  },
  onActFor(e: PageEvent) {
    void run(this, async () => {
      const { actFor: result } = await services().client.request<ActForMutation, ActForMutationVariables>(ACT_FOR, {
        id: e.currentTarget.dataset.id ?? '',
      });
      if (result.__typename === 'SignInError') throw new Error(pick(result.message, settings()));
      acting.start(result.token, result.citizen.name);
      services().redirect('home');
    });
  },
});
