import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsEmail, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ROLES, Role } from '../../common/actor';

export class LoginDto {
  @ApiProperty({ example: 'qa@bank.example' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(1024)
  password: string;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ description: 'the password is one-time (set by an administrator): the user must replace it (POST /auth/password) before anything else', example: false })
  mustChangePassword: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'locked out after repeated failed logins or signatures until this time; null when not locked', example: null })
  lockedUntil: Date | null;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'the password in use now (the one-time password after a reset)', example: 'one-time-Xk3q9L2mP7' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ minLength: 12, description: 'the new password, at least 12 characters, different from the current one', example: 'my own long passphrase 42' })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  newPassword: string;
}

export class LoginResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'seconds' }) expiresIn: number;
  @ApiProperty({ type: UserView }) user: UserView;
}

export class CreateUserDto {
  @ApiProperty({ example: 'tech@bank.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Ada Lab' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ minLength: 12, description: 'at least 12 characters; one-time: the user must replace it at the first login (POST /auth/password)', example: 'correct horse battery staple' })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['lab_technician'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Ada Lovelace-Byron' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ minLength: 12, description: 'a reset: a one-time password, to be replaced by the user at the next login (POST /auth/password); ends the user\'s sessions', example: 'a new long passphrase 2026' })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true, example: ['lab_technician', 'quality_assurance'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false deactivates the account; its tokens stop working at once', example: false })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateIntegrationDto {
  @ApiProperty({ example: 'HLA lab LIMS' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class IntegrationCreatedView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'shown once; only its hash is kept' }) apiKey: string;
}

export class IntegrationView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() keyPrefix: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) revokedAt: string | null;
}

/** An electronic signature (21 CFR Part 11.200): the signer's password again and what the signature means. */
export class SignatureDto {
  @ApiPropertyOptional({ description: "the signer's e-mail (DESIGN.md section 12: the first signature after login carries it)", example: 'qa@bank.test' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;

  @ApiProperty({ description: "the signer's password, checked again", example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;

  @ApiProperty({ example: 'release', description: 'what the signature means (release, approval, discard, determination, review, closure)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  meaning: string;
}

/** For DTOs that embed a signature. */
export function SignatureField(required = true): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    (required ? ApiProperty({ type: SignatureDto }) : ApiPropertyOptional({ type: SignatureDto }))(target, key);
    if (required) IsDefined({ message: 'an electronic signature {password, meaning} is required for this act' })(target, key);
    else IsOptional()(target, key);
    // without it `[]` passed: ValidateNested checks each element of an array, and an empty one has none
    IsObject({ message: '$property must be an object {password, meaning}' })(target, key);
    ValidateNested()(target, key);
    Type(() => SignatureDto)(target, key);
  };
}
