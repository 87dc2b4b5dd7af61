import { Badge, Button, Drawer } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../../app/context';
import { useShortcuts } from '../../../ui/useShortcuts';
import { ComplaintForm } from './ComplaintForm';
import { TicketList, useRegisterFromCall } from './ComplaintsPage';
import { TicketView } from './TicketView';

/**
 * In the header while signed in: for a lead, the team's overdue complaints one click away; for
 * everyone, the registration form (its shortcut works anywhere, e.g. during a call, pre-filled from
 * the caller) and the open ticket.
 */
export function ComplaintsHost() {
  const { t } = useTranslation('complaints');
  const isLead = useDesk((s) => s.session?.agent.role === 'lead');
  const overdue = useDesk((s) => s.complaintsOverdue);
  const loadOverdue = useDesk((s) => s.loadOverdueComplaints);
  const prefill = useDesk((s) => s.complaintForm);
  const ticket = useDesk((s) => s.ticket);
  const openFromCall = useRegisterFromCall();
  const [listOpen, setListOpen] = useState(false);
  useShortcuts({ 'complaints.register': openFromCall }, prefill === null);
  return (
    <>
      {isLead && (
        <Badge count={overdue?.length ?? 0} size="small">
          <Button
            size="small"
            danger={(overdue?.length ?? 0) > 0}
            aria-label={
              overdue === null
                ? t('header.overdue')
                : t('header.overdueCount', { count: overdue.length })
            }
            onClick={() => {
              setListOpen(true);
              void loadOverdue();
            }}
          >
            {t('header.overdue')}
          </Button>
        </Badge>
      )}
      {listOpen && (
        <Drawer open size={520} title={t('header.title')} onClose={() => setListOpen(false)}>
          <TicketList items={overdue ?? []} />
        </Drawer>
      )}
      {prefill && <ComplaintForm prefill={prefill} />}
      {ticket && <TicketView ticket={ticket} />}
    </>
  );
}

/** 登记投诉 from a waybill's drawer: the form starts with its number and sender. */
export function RegisterComplaintButton({
  waybillNumber,
  customerName = '',
}: {
  waybillNumber: string;
  customerName?: string;
}) {
  const { t } = useTranslation('complaints');
  const openForm = useDesk((s) => s.openComplaintForm);
  return (
    <Button
      size="small"
      onClick={() => openForm({ waybillNumbers: [waybillNumber], customerName })}
    >
      {t('panel.register')}
    </Button>
  );
}
