import { PartitionOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { caseText } from '../cases.text';

/** On the incident page: the dispute case the incident opened, or (police, no case yet) the way to open one. */
export function IncidentCaseLink({ incidentId, disputeCaseId }: { incidentId: number; disputeCaseId: number | null }) {
  const { lang } = useI18n();
  const { may } = useSession();
  const navigate = useNavigate();
  if (disputeCaseId !== null) {
    return may('cases.view') ? (
      <Link to={`/cases/${disputeCaseId}`} data-testid="incident-case-link">
        <PartitionOutlined aria-hidden /> {caseText(lang, 'viewCase')}
      </Link>
    ) : null;
  }
  if (!may('cases.manage')) return null;
  return (
    <Button icon={<PartitionOutlined aria-hidden />} onClick={() => void navigate(`/cases/new?incidentId=${incidentId}`)} data-testid="incident-to-case">
      {caseText(lang, 'toIncident')}
    </Button>
  );
}
