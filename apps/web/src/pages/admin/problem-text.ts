export { errorText as problemText } from '../../api/client';
